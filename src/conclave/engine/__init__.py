"""The engine: agents, models, tools and runs as event logs. Pure asyncio, no I/O framework."""
