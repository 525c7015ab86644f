"""Weekly peer check-ins: pairing members of a group for a short private conversation."""
