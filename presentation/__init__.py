"""The presentation floor: every Thai text, LINE message builders, number and date formatting.

Usable by every edge and the application; imports only kpi/ and the LINE SDK's models."""
