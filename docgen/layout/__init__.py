"""The page: GB/T 9704 numbers (spec) and the pagination model (paginate)."""
