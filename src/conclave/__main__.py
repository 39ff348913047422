"""python -m conclave"""

from conclave.cli.main import app

app()
