#!/usr/bin/env python3
"""The Chromium twin of the kiosk's home screen, built from the demo content: the same top bar,
navigation, seconds clock, notices and four tiles, styled alike, as one static page (what a web
kiosk would show). Used by bench/chromium_compare.sh. Usage: twin_page.py DEMO_DIR OUT.html"""
import html
import json
import sys

demo, out = sys.argv[1], sys.argv[2]
load = lambda name: json.load(open(f"{demo}/{name}.json", encoding="utf-8"))
meta, spaces, notices = load("meta"), load("spaces")["spaces"], load("notices")["notices"]
desks, resources = load("desks")["desks"], load("resources")["resources"]
space = spaces[0]["name"]["zh"]
routine = [n for n in notices if n.get("priority") != "urgent"][:2]
free = sum(1 for d in desks if d.get("status") == "free")
vouchers = sum(1 for r in resources if r.get("voucher_eligible"))
e = html.escape

notice_html = "".join(
    f'<div class="notice"><b>{e(n["title"]["zh"])}</b><span>{e(n["body"]["zh"])}</span></div>' for n in routine)
tiles = [("今日活动", "3", "下一场 19:00"), ("空闲工位", str(free), f"共 {len(desks)} 个工位"),
         ("共享资源", str(len(resources)), f"其中 {vouchers} 项可用创新券"), ("创新指数", "88.7", "对照 2020 年目标的综合进度")]
tile_html = "".join(f'<div class="tile"><h3>{e(t)}</h3><p class="big">{e(v)}</p><p>{e(d)}</p></div>' for t, v, d in tiles)
nav_html = "".join(f'<div class="nav">{e(x)}</div>' for x in ["首页", "活动", "工位", "资源", "创新指数"])
page = f"""<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{e(meta["title"]["zh"])}</title>
<style>
html,body{{margin:0;height:100%;background:#0f1b2d;color:#e8eef6;font-family:"Noto Sans CJK SC",sans-serif;overflow:hidden}}
.top{{height:94px;background:#1b2a41;display:flex;align-items:center;padding:0 32px;font-size:34px}}
.top .badge{{margin-left:auto;background:#f6b73c;color:#1b2a41;border-radius:10px;padding:6px 12px;font-size:22px}}
.top .lang{{margin-left:24px;background:#24344f;border-radius:12px;padding:20px 24px;font-size:28px}}
.side{{position:absolute;top:94px;left:0;bottom:0;width:204px;background:#1b2a41}}
.nav{{height:180px;display:flex;align-items:center;justify-content:center;font-size:24px}}
.main{{position:absolute;top:94px;left:234px;right:32px}}
.clock{{font-size:88px;margin:24px 0 12px}} .clock small{{font-size:40px;color:#9fb0c8}}
.notice{{background:#24344f;border-left:6px solid #4fc3f7;border-radius:12px;padding:26px;margin:20px 0;font-size:28px;
white-space:nowrap;overflow:hidden;text-overflow:ellipsis}} .notice span{{margin-left:30px;font-size:22px;color:#9fb0c8}}
.tiles{{display:grid;grid-template-columns:repeat(4,1fr);gap:20px}} .tile{{background:#1b2a41;border-radius:24px;padding:30px;height:360px}}
.tile h3{{font-size:30px;font-weight:normal;margin:0}} .big{{font-size:80px;margin:80px 0 40px}} .tile p{{font-size:22px;color:#9fb0c8}}
</style></head><body>
<div class="top">{e(space)}<span class="badge">示例数据</span><span class="lang">English</span></div>
<div class="side">{nav_html}</div>
<div class="main"><div class="clock"><span id="hm"></span><small id="s"></small> <span style="font-size:40px">{e(meta["title"]["zh"])}</span></div>
{notice_html}<div class="tiles">{tile_html}</div></div>
<script>
function tick(){{const d=new Date();const p=n=>String(n).padStart(2,"0");
document.getElementById("hm").textContent=p(d.getHours())+":"+p(d.getMinutes());
document.getElementById("s").textContent=":"+p(d.getSeconds());}}
tick();setInterval(tick,1000);
// First paint: two animation frames after the first layout (reported on stderr via --enable-logging).
requestAnimationFrame(()=>requestAnimationFrame(()=>console.log("first-paint-wall "+(performance.timeOrigin+performance.now())/1000)));
</script></body></html>
"""
open(out, "w", encoding="utf-8").write(page)
