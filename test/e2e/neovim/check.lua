-- Neovim (0.7+) as a second LSP client of kube-harden: starts `node dist/server.js --stdio` on the
-- manifest given on the command line, waits for the pushed diagnostics, applies the quick fix for
-- privileged-container through a code action, then the server's Harden request, and checks the
-- diagnostics after each. Prints `ok <name>` / `not ok <name> -- <why>` lines; exits 1 on a failure.
-- Run by test/e2e/neovim.mjs: nvim --headless -u NONE -i NONE -n -c 'luafile check.lua' file.yaml

local server = assert(os.getenv('KUBE_HARDEN_SERVER'), 'KUBE_HARDEN_SERVER is not set')
local node = os.getenv('KUBE_HARDEN_NODE') or 'node'
local failed = false
local function say(line) io.stdout:write(line .. '\n') end
local function check(name, ok, why)
  if ok then say('ok ' .. name) else failed = true; say('not ok ' .. name .. ' -- ' .. (tostring(why):gsub('\n', ' | '))) end
  return ok
end
local function finish()
  vim.lsp.stop_client(vim.lsp.get_active_clients())
  if failed then vim.cmd('cquit 1') else vim.cmd('qall!') end
end

local restricted_only = {
  ['allow-privilege-escalation'] = true, ['restricted-capabilities'] = true, ['run-as-non-root'] = true,
  ['run-as-user'] = true, ['restricted-seccomp-profile'] = true, ['restricted-volume-types'] = true,
  ['restricted-proc-mount'] = true,
}

local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)
vim.bo[bufnr].filetype = 'yaml'
-- The latest diagnostics the server pushed for this file, and the document version they are for.
local latest = nil
local client_id = vim.lsp.start_client({
  name = 'kube-harden',
  cmd = { node, server, '--stdio' },
  root_dir = vim.fn.getcwd(),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      if result and result.uri == uri then latest = result end
      return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
if not check('the server starts', client_id ~= nil, 'vim.lsp.start_client returned nil') then return finish() end
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)

local function codes()
  local out = {}
  for _, d in ipairs(latest and latest.diagnostics or {}) do out[#out + 1] = tostring(d.code) end
  return out
end
local function has(code)
  for _, c in ipairs(codes()) do if c == code then return true end end
  return false
end
local function text() return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') end
-- Diagnostics for the buffer's current text: the server publishes the version they were computed for.
local function current() return latest ~= nil and (latest.version == nil or latest.version == vim.lsp.util.buf_versions[bufnr]) end

-- 1. Diagnostics arrive.
local arrived = vim.wait(20000, function() return current() and has('privileged-container') end, 20)
if not check('diagnostics on the insecure manifest', arrived, 'got: ' .. table.concat(codes(), ', ')) then return finish() end
local before = #latest.diagnostics

-- 2. The quick fix for privileged-container, from textDocument/codeAction.
local target
for _, d in ipairs(latest.diagnostics) do if d.code == 'privileged-container' then target = d end end
local response = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = uri },
  range = target.range,
  context = { diagnostics = { target }, only = { 'quickfix' } },
}, 10000, bufnr)
local action
for _, a in ipairs(response and response.result or {}) do
  if a.isPreferred and a.edit then action = a; break end
end
if not check('a preferred quick fix is offered', action ~= nil, vim.inspect(response)) then return finish() end
vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
local gone = vim.wait(20000, function() return current() and not has('privileged-container') end, 20)
check('the quick fix removes the diagnostic (' .. action.title .. ')', gone, 'still: ' .. table.concat(codes(), ', '))
check('the other diagnostics stay', latest ~= nil and #latest.diagnostics == before - 1, before .. ' before, now: ' .. table.concat(codes(), ', '))
check('privileged: true is gone from the buffer', not text():find('privileged: true', 1, true), text())

-- 3. Harden the workload under the cursor with the server's own request, as any LSP client can.
local harden = client.request_sync('kubeHarden/harden', { textDocument = { uri = uri }, position = { line = 20, character = 18 } }, 10000, bufnr)
local result = harden and harden.result
if check('kubeHarden/harden answers with an edit', result ~= nil and result.edit ~= nil, vim.inspect(harden)) then
  vim.lsp.util.apply_workspace_edit(result.edit, client.offset_encoding or 'utf-16')
  local clean = vim.wait(20000, function()
    if not current() then return false end
    for _, c in ipairs(codes()) do if restricted_only[c] then return false end end
    return true
  end, 20)
  check('no restricted finding after Harden', clean, 'left: ' .. table.concat(codes(), ', '))
end
finish()
