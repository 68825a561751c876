--[[
  Stores one headline exactly once: de-duplication and every XADD in one atomic call, so no
  crash can leave a headline in some streams and not others, or mark it seen without storing it.

  Input:
    KEYS[1 .. n]        de-duplication keys (n = ARGV[1]); seen under any of them = duplicate
    KEYS[n + 1]         the all-stream
    KEYS[n + 2 .. ]     channel streams the headline belongs to (never the all-stream again)

    ARGV[1]  n, the number of de-duplication keys
    ARGV[2]  the headline JSON, without its id (readers add the entry id)
    ARGV[3]  MAXLEN ~ of the all-stream
    ARGV[4]  MAXLEN ~ of each channel stream
    ARGV[5]  seconds a de-duplication key lives (refreshed on every sighting)

  Output:
    { 0, id }         stored under the new stream id
    { 1, id, json }   duplicate of id; json is the stored headline while the all-stream still
                      holds it, else false
]]
local n = tonumber(ARGV[1])
local allStream = KEYS[n + 1]
local ttl = tonumber(ARGV[5])

local existing = false
for i = 1, n do
  existing = redis.call('GET', KEYS[i])
  if existing then break end
end

if existing then
  -- Refresh every key so an item that stays in a feed for weeks is never stored twice.
  for i = 1, n do
    redis.call('SET', KEYS[i], existing, 'EX', ttl)
  end
  local entries = redis.call('XRANGE', allStream, existing, existing)
  local json = false
  if entries[1] then json = entries[1][2][2] end
  return { 1, existing, json }
end

local id = redis.call('XADD', allStream, 'MAXLEN', '~', ARGV[3], '*', 'h', ARGV[2])
for i = n + 2, #KEYS do
  redis.call('XADD', KEYS[i], 'MAXLEN', '~', ARGV[4], id, 'h', ARGV[2])
end
for i = 1, n do
  redis.call('SET', KEYS[i], id, 'EX', ttl)
end
return { 0, id }
