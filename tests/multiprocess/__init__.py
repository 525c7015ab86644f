"""Two Kindred processes on one database: caches, locks and jobs that must be global."""
