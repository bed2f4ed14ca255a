#!/usr/bin/env python3
"""large_case.py N — a generated case of N actors in three stages and two
layers (a fixed seed: the same case every time), printed to stdout, for
page.py to show at scale."""
import random
import sys

n = int(sys.argv[1])
rng = random.Random(16)
print('case "生成的案例"')
print('layer 交易 "交易网络" { color = "#1f77b4" }')
print('layer 政策 "政策网络" { color = "#d62728", style = dashed }')
print("kind 企业; kind 政府; kind 农户")
print('stage 甲 "初期" 2000..2004 : 无 -> 有')
print('stage 乙 "中期" 2005..2009 : 有 -> 有')
print('stage 丙 "后期" 2010..2014 : 有 -> 特')
kinds = ["企业", "政府", "农户"]
for i in range(n):
    print("actor 行动者%d : %s { place = %s }" % (i, kinds[i % 3], rng.choice(["县内", "县外"])))
for i in range(1, n):
    # a tree keeps everyone connected; a few more ties close some holes
    for j in [rng.randrange(i)] + [rng.randrange(n) for _ in range(rng.random() < 0.3)]:
        if j == i:
            continue
        start = rng.choice([2000, 2003, 2006, 2010])
        layer = "交易" if rng.random() < 0.7 else "政策"
        arrow = "->" if rng.random() < 0.5 else "--"
        src = ' { source = "访谈%02d" }' % rng.randrange(40) if rng.random() < 0.4 else ""
        print("行动者%d %s 行动者%d : %s %d..%d%s" % (i, arrow, j, layer, start,
                                                 start + rng.randrange(3, 12), src))
