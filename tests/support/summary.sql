-- Customer summary of a transaction log, with the conventions of DESIGN §2.5
-- (the same as the app's importer, domain::customer_base::import; checked by
-- tests/support/check_sql.py, `make test-sql`):
--   * all purchases of one customer on one calendar day are ONE transaction
--     (its value is the day total);
--   * frequency      = transaction days - 1 (repeat transactions);
--   * recency        = last - first transaction day, in days;
--   * T              = observation_end - first transaction day, in days;
--   * monetary_value = mean day total of the repeat transactions (0 when
--                      frequency = 0);
--   * historical_spend = total spend;
--   * skipped: rows after observation_end, negative amounts (returns), rows
--     with a NULL customer, date or amount; zero amounts and duplicate rows
--     are kept.
-- Input: a table transactions(customer_id, date DATE, amount).
-- Parameter: observation_end, in the `params` CTE; NULL means "the last
-- transaction date" (of the non-negative rows).
-- Dialect: DuckDB; also valid PostgreSQL (DATE - DATE is a whole number of
-- days in both). For weeks divide recency and T by 7.0, for months by
-- (365.25 / 12).
WITH params AS (
    SELECT COALESCE(
        CAST(NULL AS DATE),  -- observation_end, e.g. DATE '1998-06-30'
        (SELECT MAX(CAST(date AS DATE)) FROM transactions WHERE amount >= 0)
    ) AS observation_end
),
used AS (
    SELECT t.customer_id, CAST(t.date AS DATE) AS day, t.amount
    FROM transactions AS t CROSS JOIN params AS p
    WHERE t.customer_id IS NOT NULL
      AND t.date IS NOT NULL
      AND t.amount IS NOT NULL
      AND t.amount >= 0
      AND CAST(t.date AS DATE) <= p.observation_end
),
days AS (
    SELECT customer_id, day, SUM(amount) AS total
    FROM used
    GROUP BY customer_id, day
),
marked AS (
    SELECT customer_id, day, total,
           MIN(day) OVER (PARTITION BY customer_id) AS first_day
    FROM days
)
SELECT m.customer_id,
       COUNT(*) - 1 AS frequency,
       MAX(m.day) - MIN(m.day) AS recency,
       MAX(p.observation_end) - MIN(m.day) AS "T",
       COALESCE(SUM(CASE WHEN m.day > m.first_day THEN m.total END)
                / NULLIF(COUNT(*) - 1, 0), 0) AS monetary_value,
       SUM(m.total) AS historical_spend
FROM marked AS m CROSS JOIN params AS p
GROUP BY m.customer_id
ORDER BY m.customer_id;

-- grouped variant --------------------------------------------------------
-- The same summary grouped by (frequency, recency, T, monetary_value) with
-- `count`, the form a warehouse hands to the browser for a large base.
-- monetary_value is rounded to the cent before grouping (that is the
-- rounding the grouped form implies; recency and T are whole days);
-- historical_spend is the group's mean per customer.
WITH params AS (
    SELECT COALESCE(
        CAST(NULL AS DATE),  -- observation_end, e.g. DATE '1998-06-30'
        (SELECT MAX(CAST(date AS DATE)) FROM transactions WHERE amount >= 0)
    ) AS observation_end
),
used AS (
    SELECT t.customer_id, CAST(t.date AS DATE) AS day, t.amount
    FROM transactions AS t CROSS JOIN params AS p
    WHERE t.customer_id IS NOT NULL
      AND t.date IS NOT NULL
      AND t.amount IS NOT NULL
      AND t.amount >= 0
      AND CAST(t.date AS DATE) <= p.observation_end
),
days AS (
    SELECT customer_id, day, SUM(amount) AS total
    FROM used
    GROUP BY customer_id, day
),
marked AS (
    SELECT customer_id, day, total,
           MIN(day) OVER (PARTITION BY customer_id) AS first_day
    FROM days
),
summary AS (
    SELECT m.customer_id,
           COUNT(*) - 1 AS frequency,
           MAX(m.day) - MIN(m.day) AS recency,
           MAX(p.observation_end) - MIN(m.day) AS "T",
           COALESCE(SUM(CASE WHEN m.day > m.first_day THEN m.total END)
                    / NULLIF(COUNT(*) - 1, 0), 0) AS monetary_value,
           SUM(m.total) AS historical_spend
    FROM marked AS m CROSS JOIN params AS p
    GROUP BY m.customer_id
)
SELECT 'g' || CAST(ROW_NUMBER() OVER (ORDER BY frequency, recency, "T",
                                      ROUND(monetary_value, 2)) AS VARCHAR) AS customer_id,
       frequency, recency, "T",
       ROUND(monetary_value, 2) AS monetary_value,
       COUNT(*) AS count,
       AVG(historical_spend) AS historical_spend
FROM summary
GROUP BY frequency, recency, "T", ROUND(monetary_value, 2)
ORDER BY frequency, recency, "T", monetary_value;
