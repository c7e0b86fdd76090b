"""Everything that writes the data out, beside the pieces they share.

- :mod:`.public`: the whole published data set as one JSON document (``/api/v1/export/`` and
  ``build_export``), written once per data version.
- :mod:`.fixtures`: the curated data as the fixture files ``load_curated`` reads
  (``export_fixtures``), so that work done in the admin becomes a diff.
- :mod:`.backup`: the JSON format of ``dumpdata`` and ``loaddata``, exact enough for a backup of
  the whole database (``bin/backup``).

What they share: :mod:`.snapshot` (every read from one state of the data), :mod:`.files` (a file
replaced whole or not at all) and :mod:`.times` (how a time is written).

This module imports nothing, so that the API's read serializers can use :mod:`.times` while
:mod:`.public` builds its document with them.
"""
