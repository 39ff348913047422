"""Services: what the interfaces call, built on the engine and the adapters.

- ``runs``: create, read, cancel and replay runs (:class:`RunService`).
- ``executor``: run them in the background under a lease, and resume orphans
  (:class:`RunExecutor`).
- ``targets``: where a run's agent or team comes from (:class:`Targets`).
"""
