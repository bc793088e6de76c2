from peel_desktop.main import main

raise SystemExit(main())
