"""Domain rules of SSO action-plan reporting: pure functions, no I/O."""
