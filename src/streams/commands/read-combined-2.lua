#!lua flags=no-writes
--[[
  Reads a combined channel `<topic>/<region>`, which has no stream of its own: its headlines
  are the entries of the topic stream that carry the region, which are also the entries of
  the region stream that carry the topic (under the same ids).

  Which stream is scanned: the SHORTER one (fewer entries; on a tie the one whose first entry
  is older). It holds every match from its first entry on; when it was never trimmed it holds
  every match there ever was. When it was trimmed, matches older than its first entry can only
  be in the other stream, which is scanned for that older part alone. So `latest` scans the
  short stream down and then the long one below the short one's first entry, and `after` the
  long one up to that entry and then the short one. A tiny facet is never paid for with a
  scan of a large one.

  Read-only (the flag above, which must stay the first line): Redis runs it on a replica, and
  a Cluster client with scaleReads sends it to one (src/shared/lua-script.ts reads the flag).

  Each call examines at most ARGV[7] entries, so one call holds Redis for a bounded time; the
  caller continues from `next` with another call (the state is the cursor alone, so streams
  may move between calls).

  Input:
    KEYS[1]  the topic stream (`<topic>/*`)
    KEYS[2]  the region stream (`*/<region>`)

    ARGV[1]  'latest': the newest matches before ARGV[2], newest first
             'after':  the matches after ARGV[2] (exclusive), oldest first
    ARGV[2]  the cursor: an id (exclusive); '' for 'latest' from the newest entry
    ARGV[3]  at most this many matches
    ARGV[4]  the topic, quoted as in JSON ("politics")
    ARGV[5]  the region, quoted as in JSON ("az")
    ARGV[6]  'headlines': headline entries only; 'all': change entries too
    ARGV[7]  the scan budget: at most this many entries examined by this call

  Entries hold JSON as written by JSON.stringify: a headline (field `h`) or a change (field
  `c`, see serialise.ts: the old tags first, then for an update the headline with its new
  tags). Every quote inside a string value is escaped there, so a `"topics":[` is always a
  key, and a quoted slug inside that array can only be a whole element: a substring search
  filters correctly without decoding the JSON. A change matches when its old or its new
  tags do.

  Output:
    { matches, next, examined }: matches in XRANGE's shape { id, { field, value, ... } }, in
    scan order; next is '' when the answer is complete (ARGV[3] matches found, or nothing
    left to examine), else the id of the last entry examined: pass it as the cursor to go on;
    examined is how many entries this call looked at.
    Empty and complete when either stream does not exist (nothing was ever tagged with that
    topic or region).
]]
local CHUNK = 256

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

-- A stream's length, first id, and whether anything was ever removed from it.
local function facts(key)
  local info = redis.pcall('XINFO', 'STREAM', key)
  if type(info) ~= 'table' or info.err then return nil end
  local f = {}
  for i = 1, #info, 2 do f[info[i]] = info[i + 1] end
  local length = tonumber(f['length'])
  if not length or length == 0 or type(f['first-entry']) ~= 'table' then return nil end
  local added = tonumber(f['entries-added']) or length
  return { key = key, length = length, first = f['first-entry'][1], trimmed = added > length }
end

local topic, region = facts(KEYS[1]), facts(KEYS[2])
if not topic or not region then return { {}, '', 0 } end
local short, long = topic, region
if region.length < topic.length or (region.length == topic.length and not older(topic.first, region.first)) then
  short, long = region, topic
end
-- Below this id only the long stream can hold matches; nil when the short one holds them all.
local split = nil
if short.trimmed and older(long.first, short.first) and long.first ~= short.first then split = short.first end

local latest = ARGV[1] == 'latest'
local limit = tonumber(ARGV[3])
local budget = tonumber(ARGV[7])
local cursor = ARGV[2]
local out = {}
local examined = 0

-- `after`: once the long stream's part below the split is done, the short stream is read
-- from the split entry itself (inclusive), which an exclusive cursor cannot say.
local short_from = nil

-- The stream and the range to scan next from `cursor`.
local function next_range()
  if latest then
    local from = '+'
    if cursor ~= '' then from = '(' .. cursor end
    if split and cursor ~= '' and older(cursor, split) then return long.key, from, '-' end
    return short.key, from, '-'
  end
  if short_from then return short.key, short_from, '+' end
  if split and older(cursor, split) and cursor ~= split then return long.key, '(' .. cursor, '(' .. split end
  return short.key, '(' .. cursor, '+'
end

while examined < budget do
  local key, from, to = next_range()
  short_from = nil
  local count = math.min(CHUNK, budget - examined)
  local entries
  if latest then
    entries = redis.call('XREVRANGE', key, from, to, 'COUNT', count)
  else
    entries = redis.call('XRANGE', key, from, to, 'COUNT', count)
  end
  for i = 1, #entries do
    examined = examined + 1
    cursor = entries[i][1]
    if matches(entries[i][2]) then
      out[#out + 1] = entries[i]
      if #out >= limit then return { out, '', examined } end
    end
  end
  if #entries < count then
    -- This range is exhausted: `latest` goes on below the split in the long stream, `after`
    -- goes on from the split in the short one; otherwise the scan is done.
    if split and key == short.key and latest then
      cursor = split
    elseif split and key == long.key and not latest then
      short_from = split
    else
      return { out, '', examined }
    end
  end
end
return { out, cursor, examined }
