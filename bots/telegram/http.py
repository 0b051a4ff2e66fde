"""PTB's HTTP layer on aiohttp: the bot's CPU goes mostly into Bot API calls, and with httpx each call cost
about nine times the CPU it costs with aiohttp on this machine (benchmarks/bot_bench.py shows the effect)."""

from __future__ import annotations

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` with one aiohttp session and at most `connections` kept-alive connections."""

    def __init__(self, connections: int = 8, read_timeout: float = 5.0, write_timeout: float = 5.0,
                 connect_timeout: float = 5.0, pool_timeout: float = 30.0, media_write_timeout: float = 20.0) -> None:
        self.connections = connections
        self._read, self._write, self._connect = read_timeout, write_timeout, connect_timeout
        self._pool, self._media_write = pool_timeout, media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.connections),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: float | None | DefaultValue = BaseRequest.DEFAULT_NONE,
        write_timeout: float | None | DefaultValue = BaseRequest.DEFAULT_NONE,
        connect_timeout: float | None | DefaultValue = BaseRequest.DEFAULT_NONE,
        pool_timeout: float | None | DefaultValue = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data.multipart_data if request_data else None
        data: aiohttp.FormData | dict[str, str] | None = request_data.json_parameters if request_data else None
        if files:
            form = aiohttp.FormData()
            for name, value in (data or {}).items():
                form.add_field(name, value)
            for name, (filename, content, mimetype) in files.items():
                form.add_field(name, content, filename=filename, content_type=mimetype)
            data = form
        read = self._read if isinstance(read_timeout, DefaultValue) else read_timeout
        connect = self._connect if isinstance(connect_timeout, DefaultValue) else connect_timeout
        pool = self._pool if isinstance(pool_timeout, DefaultValue) else pool_timeout
        write = (self._media_write if files else self._write) if isinstance(write_timeout, DefaultValue) \
            else write_timeout
        # aiohttp has no write timeout of its own: waiting for a connection and sending count as "connect".
        timeout = aiohttp.ClientTimeout(total=None, connect=_sum(pool, connect, write), sock_connect=connect,
                                        sock_read=read)
        try:
            async with self._session.request(method, url, data=data, timeout=timeout) as response:
                return response.status, await response.read()
        except TimeoutError as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err


def _sum(*parts: float | None) -> float | None:
    """None (no limit) when any part is unlimited."""
    return None if any(p is None for p in parts) else sum(p for p in parts if p is not None)
