"""Identity resolution: which accounts, numbers, handles and handsets are the same actor, and why."""
