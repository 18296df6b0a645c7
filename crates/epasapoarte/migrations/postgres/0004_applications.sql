-- Passport applications, API tokens for other systems, the restrictions registry
-- (issue 5). Filled by the applications work.
SELECT 1;
