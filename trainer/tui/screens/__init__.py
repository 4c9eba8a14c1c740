"""One module per screen; each screen is thin: it shows values and forwards key presses."""
