-- wrk's done(): the whole latency histogram as JSON, so that runs against two
-- servers can be merged exactly. Written to the file named by WRK_OUT.
done = function(summary, latency, requests)
  local out = io.open(os.getenv("WRK_OUT"), "w")
  local errors = summary.errors
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "socket_errors": %d, ' ..
    '"status_errors": %d, "histogram": [',
    summary.requests, summary.duration, summary.bytes,
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
  for i = 1, #latency do
    local value, count = latency(i)
    out:write(string.format('%s[%d, %d]', i > 1 and ', ' or '', value, count))
  end
  out:write(']}\n')
  out:close()
end
