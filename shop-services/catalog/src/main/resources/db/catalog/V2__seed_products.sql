-- 240 products: every adjective with every noun, priced and stocked deterministically.
insert into products (id, sku, name, description, price_cents, stock)
select row_number() over (order by a.i, n.j)                                        as id,
       'SKU-' || lpad((row_number() over (order by a.i, n.j))::text, 5, '0')       as sku,
       a.word || ' ' || n.word                                                      as name,
       'A ' || lower(a.word) || ' ' || lower(n.word) || ' ' || n.detail || '.'      as description,
       499 + ((a.i * 7919 + n.j * 104729) % 19500)                                  as price_cents,
       100000                                                                       as stock
from unnest(array['Classic', 'Compact', 'Deluxe', 'Eco', 'Everyday', 'Heavy-duty', 'Lightweight', 'Modern',
                  'Rugged', 'Smart', 'Vintage', 'Waterproof'])
         with ordinality as a(word, i)
cross join unnest(array['Backpack', 'Bike Light', 'Blender', 'Camp Stove', 'Coffee Grinder', 'Desk Lamp',
                        'Drill', 'Headphones', 'Hiking Boots', 'Kettle', 'Keyboard', 'Lantern', 'Notebook',
                        'Rain Jacket', 'Skillet', 'Sleeping Bag', 'Speaker', 'Tent', 'Thermos', 'Water Bottle'],
                  array['for daily commutes and weekend trips', 'that sees the road ahead', 'for smoothies and soups',
                        'that boils a litre in four minutes', 'with forty grind settings', 'with a warm dimmable glow',
                        'with two batteries and a case', 'with noise cancelling', 'with grippy soles',
                        'that whistles when ready', 'with quiet keys', 'that runs for a week',
                        'with dotted pages', 'that packs into its own pocket', 'that goes in the oven',
                        'rated to minus five degrees', 'that pairs in a second', 'for two people and a dog',
                        'that keeps tea hot all day', 'that never leaks'])
         with ordinality as n(word, detail, j);
