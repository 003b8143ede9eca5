"""One module per DocFX Markdown construct: its markdown-it rule next to its rendering."""
