-- Every dyad-year in which both states were members of the EC/EU or of NATO, with all of
-- dyad_years' columns: the report applies the fitted models to these very dyad-years to
-- count the disputes, uses of force and wars expected among members (contiguity, power,
-- joint democracy and the other controls as they were), against those observed.
SELECT *
FROM dyad_years
WHERE joint_ec_eu OR joint_nato
ORDER BY ccode1, ccode2, year;
