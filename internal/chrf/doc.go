// Package chrf computes chrF, the character n-gram F-score of machine
// translation (Popović 2015), as sacreBLEU's chrF does by default: character
// n-grams of orders 1 to 6 with whitespace removed, statistics summed over
// the whole corpus, an F-score with β = 2 (recall weighs twice precision) per
// order, averaged over the orders that both sides have, times 100.
package chrf
