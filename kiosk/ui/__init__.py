"""The Textual front end: screens and widgets that draw the core and turn input into calls on it."""
