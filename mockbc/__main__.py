from mockbc.cli import main

raise SystemExit(main())
