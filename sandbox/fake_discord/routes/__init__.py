"""REST route handlers of the stand-in, one mixin per family (the table is in ``http.py``)."""
