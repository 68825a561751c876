--[[
  Releases a lock only when the caller still holds it: a holder that ran past the lock's
  expiry must not delete the lock a later holder took since.

  Input:
    KEYS[1]  the lock
    ARGV[1]  the holder's token

  Output:
    1 released; 0 not held by this token (expired, or taken by another)
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
