//! HTTP tests against the real application on a random port, on SQLite and on PostgreSQL.

mod helpers;

mod access;
mod accounts;
mod api;
mod audit;
mod auth;
mod countries;
mod demography;
mod esco_labels;
mod formats;
mod introductions;
mod languages;
mod lists;
mod network;
mod network_cards;
mod network_import;
mod network_partners;
mod notifications;
mod pages;
mod placements;
mod portal;
mod procurement;
mod recruitment;
mod recruitment_edit;
mod reminders;
mod showcase;
mod upload;
mod voices;
