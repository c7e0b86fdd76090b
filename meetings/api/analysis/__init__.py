"""The analysis endpoints: what each side said, who met whom, and what happened when.

The queries are ``meetings.analysis``; this package validates the parameters (``filters``),
shapes the answers (``serializers``) and documents and serves them (``views``).
"""
