"""The page: GB/T 9704 numbers (spec), the printed sequence of a report (compose),
line breaking, titles and the words they break between (words), and the
pagination model (paginate)."""
