from dpeace.cli import main

raise SystemExit(main())
