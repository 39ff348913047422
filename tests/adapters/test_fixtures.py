from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


async def test_each_flavour_starts_with_every_table_and_no_rows(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        count = await connection.execute(text("select count(*) from runs"))
        assert count.scalar_one() == 0
