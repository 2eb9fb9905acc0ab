from koryo.cli import main

main()
