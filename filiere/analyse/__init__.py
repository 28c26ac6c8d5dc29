"""Analysis: the case network, key players, roles, disruption, market, timeline."""
