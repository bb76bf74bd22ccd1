using System.Text.Json;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// Where log lines are on the screen. A line counts as visible when the user can see it: its box lies inside the
/// window and the point in the middle of its text belongs to it (so it is neither scrolled out of the log's box
/// nor covered); a line that is only rendered, with a size, somewhere outside the view does not count.
/// </summary>
internal static class LogViewport
{
    /// <summary>The last <c>.line</c> containing the text: <c>{ visible, top }</c>, or null when there is none.</summary>
    private const string Position = """
        const position = (text) => {
          const lines = [...document.querySelectorAll("[data-testid=log] .line")].filter(l => l.textContent.includes(text));
          const line = lines[lines.length - 1];
          if (!line) return null;
          const r = line.getBoundingClientRect();
          const inWindow = r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.left < window.innerWidth;
          const hit = inWindow ? document.elementFromPoint(Math.min(r.left + 20, window.innerWidth - 1), r.top + r.height / 2) : null;
          return { visible: hit !== null && line.contains(hit), top: r.top };
        };
        """;

    public static Task WaitVisibleAsync(IPage page, string text, float timeoutMs = 10_000) =>
        page.WaitForFunctionAsync($"(text) => {{ {Position} const p = position(text); return p !== null && p.visible; }}", text, new() { Timeout = timeoutMs });

    /// <summary>The text of the first line in view that is real text (not a placeholder of a block still loading), and its top.</summary>
    public static async Task<(string Text, double Top)> FirstRealLineAsync(IPage page)
    {
        var found = await page.EvaluateAsync<JsonElement>($$"""
            () => {
              {{Position}}
              for (const line of document.querySelectorAll("[data-testid=log] .line:not(.muted)")) {
                const key = line.textContent.slice(0, 12);
                const p = position(key);
                if (p !== null && p.visible) return { key, top: p.top };
              }
              return null;
            }
            """);
        Assert.Equal(JsonValueKind.Object, found.ValueKind);
        return (found.GetProperty("key").GetString()!, found.GetProperty("top").GetDouble());
    }

    /// <summary>Watches the line containing the text on every animation frame for <paramref name="milliseconds"/>.</summary>
    public static async Task<Watch> WatchAsync(IPage page, string text, int milliseconds)
    {
        var seen = await page.EvaluateAsync<JsonElement>($$"""
            ([text, millis]) => new Promise(resolve => {
              {{Position}}
              const seen = { frames: 0, hidden: 0, minTop: null, maxTop: null };
              const end = performance.now() + millis;
              const frame = () => {
                const p = position(text);
                seen.frames++;
                if (p === null || !p.visible) seen.hidden++;
                else {
                  seen.minTop = seen.minTop === null ? p.top : Math.min(seen.minTop, p.top);
                  seen.maxTop = seen.maxTop === null ? p.top : Math.max(seen.maxTop, p.top);
                }
                if (performance.now() < end) requestAnimationFrame(frame); else resolve(seen);
              };
              requestAnimationFrame(frame);
            })
            """, new object[] { text, milliseconds });
        static double? Top(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
        return new Watch(seen.GetProperty("frames").GetInt32(), seen.GetProperty("hidden").GetInt32(), Top(seen.GetProperty("minTop")), Top(seen.GetProperty("maxTop")));
    }

    /// <summary>
    /// Before the page's scripts run: watches, on every animation frame from the start of the navigation, the
    /// last line containing the text; records when it is first visible, then for <paramref name="stayMs"/> more
    /// whether it stays visible. Read it with <see cref="ReadTailWatchAsync"/>.
    /// </summary>
    public static Task InstallTailWatchAsync(IPage page, string text, int stayMs) => page.AddInitScriptAsync($$"""
        (() => {
          {{Position}}
          const text = {{JsonSerializer.Serialize(text)}}, stay = {{stayMs}};
          const watch = window.__tailWatch = { visibleAt: null, frames: 0, hidden: 0, firstHiddenAfter: null, done: false };
          const frame = () => {
            const p = position(text), now = performance.now(), visible = p !== null && p.visible;
            if (watch.visibleAt === null) { if (visible) watch.visibleAt = now; }
            else {
              watch.frames++;
              if (!visible) { watch.hidden++; if (watch.firstHiddenAfter === null) watch.firstHiddenAfter = now - watch.visibleAt; }
              if (now - watch.visibleAt >= stay) { watch.done = true; return; }
            }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        })();
        """);

    /// <summary>Waits for the watch of <see cref="InstallTailWatchAsync"/> to end.</summary>
    public static async Task<TailWatch> ReadTailWatchAsync(IPage page, float timeoutMs = 60_000)
    {
        await page.WaitForFunctionAsync("() => window.__tailWatch && window.__tailWatch.done", null, new() { Timeout = timeoutMs });
        var w = await page.EvaluateAsync<JsonElement>("() => window.__tailWatch");
        var firstHidden = w.GetProperty("firstHiddenAfter");
        return new TailWatch(w.GetProperty("visibleAt").GetDouble(), w.GetProperty("frames").GetInt32(), w.GetProperty("hidden").GetInt32(),
            firstHidden.ValueKind == JsonValueKind.Number ? firstHidden.GetDouble() : null);
    }

    /// <summary>
    /// Milliseconds from the start of the navigation to the first frame showing the line; then the frames watched,
    /// those in which it was out of view, and when (ms after it showed) it first left the view.
    /// </summary>
    public sealed record TailWatch(double VisibleAtMs, int Frames, int Hidden, double? FirstHiddenAfterMs);

    /// <summary>Frames watched, frames in which the line was not visible, and the range of its top while visible.</summary>
    public sealed record Watch(int Frames, int Hidden, double? MinTop, double? MaxTop);
}
