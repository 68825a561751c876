--[[
  Creates, replaces or deletes one source, provided it is still as the caller read it
  (compare-and-set: two admins editing the same source never overwrite each other silently),
  then sets a new version token and announces it.

  Input:
    KEYS[1]  the sources hash (source id → JSON)
    KEYS[2]  the version token
    KEYS[3]  the source's health hash

    ARGV[1]  the source id
    ARGV[2]  the JSON the caller read; '' when it expects no such source (a create)
    ARGV[3]  the new JSON; '' to delete the source
    ARGV[4]  the new version token
    ARGV[5]  the pub/sub channel announcing changes
    ARGV[6]  what becomes of the health hash: 'keep'; 'forget-validators' (a new URL: its
             ETag and Last-Modified belonged to the old one); 'delete' (with the source)

  Output:
    1  applied
    0  the stored JSON is not ARGV[2] (changed meanwhile, or exists for a create): nothing changed
]]
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then current = '' end
if current ~= ARGV[2] then return 0 end
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
end
if ARGV[6] == 'delete' then
  redis.call('DEL', KEYS[3])
elseif ARGV[6] == 'forget-validators' then
  redis.call('HDEL', KEYS[3], 'etag', 'lastModified')
end
redis.call('SET', KEYS[2], ARGV[4])
redis.call('PUBLISH', ARGV[5], ARGV[4])
return 1
