"""Development harnesses (headless Chromium, notebook execution): used by tests, docs and benchmarks, not shipped."""
