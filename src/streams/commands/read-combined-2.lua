--[[
  Reads a combined channel `<topic>/<region>`, which has no stream of its own: its headlines
  are the entries of the topic stream that carry the region, which are also the entries of
  the region stream that carry the topic. The script scans the one of the two whose first
  entry is older: neither can hold a match from before the other's first entry, so that
  stream's answer is complete for as far back as either reaches.

  Input:
    KEYS[1]  the topic stream (`<topic>/*`)
    KEYS[2]  the region stream (`*/<region>`)

    ARGV[1]  'latest': the newest matches before ARGV[2], newest first
             'after':  the matches after ARGV[2] (exclusive), oldest first
    ARGV[2]  the cursor: an id (exclusive); '' for 'latest' from the newest entry
    ARGV[3]  at most this many entries
    ARGV[4]  the topic, quoted as in JSON ("politics")
    ARGV[5]  the region, quoted as in JSON ("az")
    ARGV[6]  'headlines': headline entries only; 'all': change entries too

  Entries hold JSON as written by JSON.stringify: a headline (field `h`) or a change (field
  `c`, see serialise.ts: the old tags first, then for an update the headline with its new
  tags). Every quote inside a string value is escaped there, so a `"topics":[` is always a
  key, and a quoted slug inside that array can only be a whole element: a substring search
  filters correctly without decoding the JSON. A change matches when its old or its new
  tags do.

  Output:
    matching entries in XRANGE's shape { id, { field, value, ... } }, in scan order; empty
    when either stream does not exist (nothing was ever tagged with that topic or region)
]]
local CHUNK = 256

local function first_id(key)
  local head = redis.call('XRANGE', key, '-', '+', 'COUNT', 1)
  if head[1] then return head[1][1] end
  return nil
end

local function older(a, b)
  local am, as = string.match(a, '^(%d+)-(%d+)$')
  local bm, bs = string.match(b, '^(%d+)-(%d+)$')
  am, as, bm, bs = tonumber(am), tonumber(as), tonumber(bm), tonumber(bs)
  return am < bm or (am == bm and as <= bs)
end

local quoted_topic, quoted_region = ARGV[4], ARGV[5]

local with_changes = ARGV[6] == 'all'

-- The text between `"<name>":[` (the first from `start`) and the next `]`: the array's
-- elements, still quoted; and where the array ends.
local function array_of(json, name, start)
  local _, open_end = string.find(json, '"' .. name .. '":[', start, true)
  if not open_end then return nil, nil end
  local close = string.find(json, ']', open_end + 1, true)
  if not close then return nil, nil end
  return string.sub(json, open_end + 1, close - 1), close
end

-- Whether the tags found from `start` carry both the topic and the region; and where they end.
local function tags_match(json, start)
  local topics, topics_end = array_of(json, 'topics', start)
  if not topics then return false, nil end
  local regions, regions_end = array_of(json, 'regions', start)
  if not regions then return false, nil end
  return string.find(topics, quoted_topic, 1, true) ~= nil and string.find(regions, quoted_region, 1, true) ~= nil, math.max(topics_end, regions_end)
end

local function matches(fields)
  for i = 1, #fields, 2 do
    if fields[i] == 'h' then
      return (tags_match(fields[i + 1], 1))
    end
    if fields[i] == 'c' and with_changes then
      local old_match, old_end = tags_match(fields[i + 1], 1)
      if old_match then return true end
      if not old_end then return false end
      return (tags_match(fields[i + 1], old_end + 1))
    end
  end
  return false
end

local topic_first, region_first = first_id(KEYS[1]), first_id(KEYS[2])
if not topic_first or not region_first then return {} end
local key = KEYS[1]
if not older(topic_first, region_first) then key = KEYS[2] end

local latest = ARGV[1] == 'latest'
local limit = tonumber(ARGV[3])
local cursor = '(' .. ARGV[2]
if latest and ARGV[2] == '' then cursor = '+' end
local out = {}
while #out < limit do
  local entries
  if latest then
    entries = redis.call('XREVRANGE', key, cursor, '-', 'COUNT', CHUNK)
  else
    entries = redis.call('XRANGE', key, cursor, '+', 'COUNT', CHUNK)
  end
  for i = 1, #entries do
    if matches(entries[i][2]) then
      out[#out + 1] = entries[i]
      if #out >= limit then break end
    end
  end
  if #entries < CHUNK then break end
  cursor = '(' .. entries[#entries][1]
end
return out
