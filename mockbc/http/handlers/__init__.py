"""One module per resource; each exports ``OPERATIONS``, a tuple of ``Binding``s
(``mockbc.http.operations``), discovered at start-up."""
