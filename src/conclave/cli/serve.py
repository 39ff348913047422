"""``conclave serve``: the API server, on the embedded default unless configured otherwise."""

from __future__ import annotations

import typer

from conclave.cli.options import friendly_errors

__all__ = ["serve"]


@friendly_errors
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="The port to listen on."),
) -> None:
    """Start the server: the REST API, SSE streams and the demo agents and teams."""
    # Imported here: the server's modules are slow to import, and other commands skip them.
    import uvicorn

    from conclave.api import create_app

    app = create_app()
    typer.echo(
        f"Conclave listening on http://{host}:{port} (API docs at http://{host}:{port}/docs)"
    )
    uvicorn.run(app, host=host, port=port)
