"""Django's Redis cache with one client per connection pool, made once.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every operation, and
building one fills its table of response callbacks (some 170 entries): about as long as the round
trip itself on a local Redis. Every throttled request and every response-cache lookup pays it once
or twice. A ``redis.Redis`` is safe to share (each command takes a connection from the pool), so
this backend keeps one per pool.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
