-- Neovim (0.7 and later; Debian 12 has 0.7), headless, as a new user would try `cleanup lsp`: start it on
-- article.txt in the working folder, wait for its diagnostics, print them, ask for the code actions at the
-- first glossary finding, apply the preferred one, write the file. Run from the article's folder:
--   CLEANUP=cleanup nvim --headless -n -u NONE -c "luafile neovim.lua"
local cleanup = os.getenv("CLEANUP") or "cleanup"
local root = vim.fn.getcwd()
local function say(...) io.stdout:write(string.format(...) .. "\n") end

vim.cmd("silent edit article.txt")
local buf = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "cleanup",
  cmd = { cleanup, "lsp", "--grammar", os.getenv("GRAMMAR") or "harper" },
  root_dir = root,
})
vim.lsp.buf_attach_client(buf, client_id)

local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
if not got then say("no diagnostics within 30 s"); vim.cmd("cquit 1") end
local diagnostics = vim.diagnostic.get(buf)
table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
local severities = { "E", "W", "I", "H" }
say("%d diagnostics, the first ten:", #diagnostics)
for i = 1, math.min(10, #diagnostics) do
  local d = diagnostics[i]
  say("  %d:%d %s %s %s", d.lnum + 1, d.col + 1, severities[d.severity], d.code or d.user_data and d.user_data.lsp.code or "", vim.fn.strcharpart(d.message, 0, 80))
end

local target
for _, d in ipairs(diagnostics) do
  local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code
  if code and code:match("^GL:") then target = d; break end
end
say("code actions at %d:%d (%s):", target.lnum + 1, target.col + 1, target.user_data.lsp.code)
-- As vim.lsp.buf.code_action() asks: the cursor on the finding, the line's diagnostics as the context.
vim.api.nvim_win_set_cursor(0, { target.lnum + 1, target.col })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf) }
local responses = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
local chosen
for _, response in pairs(responses or {}) do
  for _, action in ipairs(response.result or {}) do
    say("  - %s%s", action.title, action.isPreferred and "  [preferred]" or "")
    if action.isPreferred and not chosen then chosen = action end
  end
end
local before = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")
local after = vim.api.nvim_buf_get_lines(buf, target.lnum, target.lnum + 1, false)[1]
say("applied: %s", chosen.title)
local function around(line) -- characters, not bytes: a cut never splits a letter
  return vim.fn.strcharpart(line, math.max(0, vim.str_utfindex(line, target.col) - 30), 70)
end
say("line %d before: %s", target.lnum + 1, around(before))
say("line %d after:  %s", target.lnum + 1, around(after))
vim.cmd("silent write")
vim.wait(5000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == target.lnum and d.col == target.col and d.user_data.lsp.code == target.user_data.lsp.code then return false end
  end
  return true
end, 100)
say("%d diagnostics after the edit; written to %s", #vim.diagnostic.get(buf), vim.api.nvim_buf_get_name(buf))
vim.lsp.stop_client(client_id)
vim.cmd("qall!")
