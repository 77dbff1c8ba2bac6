"""Many handouts in one run: planning the jobs, running them in worker processes."""
