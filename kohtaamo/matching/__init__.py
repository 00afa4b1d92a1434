"""The matching engine: pure scoring of people against vacancies (numpy/scipy, no Django).

`params` holds every weight, `vectors` builds the sparse matrices from plain dataclasses,
`score` combines coverage with the constraints, `explain` says which requirement was met by
what and which are gaps. The Django side turns models into these dataclasses.
"""
