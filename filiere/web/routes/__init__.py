"""One module per page (or group of pages); each registers the page and its ``.json`` twin."""
