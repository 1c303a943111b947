"""Tables people upload (CSV and XLSX), read one way by every import: streamed, refused as soon
as they pass their row cap, and their cells checked for text a spreadsheet would run as a
formula. `formulas` is pure (domain code may use it); `reading` parses files."""
