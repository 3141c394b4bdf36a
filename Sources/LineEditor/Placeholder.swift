// placeholder until the LineEditor stage lands
