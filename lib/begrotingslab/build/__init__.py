"""The report build (``begrotingslab build``), one concept per module, in the order a build uses them:

- ``pipeline``: the steps of a build, from the data folder to the index (start reading here);
- ``params``: a notebook's parameters, read from its parameters cell and checked;
- ``plan``: which (municipality, year, notebook) to run, and which reports are current and reused;
- ``run``: one report run with papermill (timeout, failure), and its result stored (a failed report
  keeps the previous good one); ``kernels``: the fork server that starts those kernels in milliseconds;
- ``render``: the executed notebook as a self-contained HTML page;
- ``exports``: the tables beside each report (CSV, Parquet, Excel); ``headlines``: the figures of an edition
  the site shows, counted from those tables;
- ``site``: the landing page ``index.html``, a page per municipality and ``index.json``; ``assets``: the files
  every report shares under ``_static/`` (DataTables for the long tables);
- ``manifest``: what the build wrote, so it removes only that; ``redact``: no machine path published.

Paths are in ``begrotingslab.paths``, the edition filter in ``begrotingslab.editions`` and every hash in
``begrotingslab.fingerprint``, shared with the corpus cache.
"""
