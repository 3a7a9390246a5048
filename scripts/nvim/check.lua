-- Neovim as a real client of `attrib lsp` (run by scripts/nvim-check).
-- Opens a broken case, waits for its diagnostics, jumps to a definition,
-- and writes what it saw as JSON for the script to check.
local case_file = os.getenv('CASE')
local out = os.getenv('OUT')
local line = tonumber(os.getenv('LINE'))
local col = tonumber(os.getenv('COL'))
local cword_col = tonumber(os.getenv('CWORD_COL'))

local result = { diagnostics = {}, errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd('qa!')
end

-- The configuration is docs/editors.md's snippet for Neovim 0.7, loaded as
-- init.lua (`-u`): opening the case must give it the filetype, the word
-- characters of an id, and a client of `attrib lsp` (found on PATH).
vim.cmd('edit ' .. vim.fn.fnameescape(case_file))
local buf = vim.api.nvim_get_current_buf()
result.filetype = vim.bo[buf].filetype
result.iskeyword = vim.bo[buf].iskeyword
local client = nil
vim.wait(10000, function()
  for id, _ in pairs(vim.lsp.buf_get_clients(buf)) do
    client = id
  end
  return client ~= nil
end, 50)
if client == nil then
  table.insert(result.errors, 'the snippet attached no client of attrib lsp to the case')
  return finish()
end
local c = vim.lsp.get_client_by_id(client)
result.client = c and c.name

-- `<cword>` on the id with a hyphen at LINE, as `*` and `cw` read it.
vim.api.nvim_win_set_cursor(0, { line + 1, cword_col })
result.cword = vim.fn.expand('<cword>')

-- The diagnostics, published on open.
vim.wait(30000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  table.insert(result.diagnostics, { code = code, line = d.lnum, col = d.col, message = d.message })
end

-- Go to the definition of the id at LINE:COL, as `gd` would.
vim.api.nvim_win_set_cursor(0, { line + 1, col })
local params = vim.lsp.util.make_position_params()
local responses = vim.lsp.buf_request_sync(buf, 'textDocument/definition', params, 20000)
local location = nil
for _, r in pairs(responses or {}) do
  if r.result then
    location = r.result
  end
  if r.err then
    table.insert(result.errors, vim.inspect(r.err))
  end
end
if location ~= nil then
  if location[1] ~= nil then
    location = location[1]
  end
  vim.lsp.util.jump_to_location(location, 'utf-16')
  local cursor = vim.api.nvim_win_get_cursor(0)
  result.jumped_to = { line = cursor[1] - 1, col = cursor[2] }
end

vim.lsp.stop_client(client)
finish()
