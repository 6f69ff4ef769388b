-- The build's identity, one row: written last by `dpeace build` (pipeline/build_identity.py).
CREATE TABLE build_info AS
SELECT
    $build_id::VARCHAR         AS build_id,          -- sha256 of the raw files' sums, sql/ and the build's code
    $raw_files_sha256::VARCHAR AS raw_files_sha256,  -- sha256 of the raw files' names and sums alone
    $raw_files::INTEGER        AS raw_files,         -- raw files verified against their recorded sha256
    $dpeace_version::VARCHAR   AS dpeace_version
