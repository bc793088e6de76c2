"""What the CLI and the GUI ask for: import, grade history, findings. Headless."""
