from ledgerflow_devstack.cli import main

raise SystemExit(main())
