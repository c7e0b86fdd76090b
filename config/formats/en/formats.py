# Dates in forms, filters and the admin are ISO 8601 only: the locale's 12/04/2017 would
# silently mean 4 December to some readers and 12 April to others.
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
