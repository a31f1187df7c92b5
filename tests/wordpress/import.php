<?php
// Imports a WordPress export (WXR) into the WordPress at argv[1] the way WordPress's importer does: the file read
// with SimpleXML (no entity loading), its WXR version checked, each item's title, body, excerpt, type, status,
// slug and date taken through the export's namespaces, and each post or page inserted with wp_insert_post as the
// administrator (whose HTML is not filtered). Prints the posts WordPress stored, read back, as JSON.
$_SERVER['HTTP_HOST'] = 'localhost';
require $argv[1] . '/wp-load.php';
wp_set_current_user(1);

$xml = simplexml_load_string(file_get_contents($argv[2]), 'SimpleXMLElement', LIBXML_NONET);
if ($xml === false) {
    fwrite(STDERR, "not XML\n");
    exit(2);
}
$namespaces = $xml->getDocNamespaces();
if (!isset($namespaces['wp'])) {
    $namespaces['wp'] = 'http://wordpress.org/export/1.2/';
}
$version = $xml->xpath('/rss/channel/wp:wxr_version');
if (!$version || !preg_match('/^\d+\.\d+$/', (string) $version[0])) {
    fwrite(STDERR, "no WXR version\n");
    exit(2);
}
$stored = array();
foreach ($xml->channel->item as $item) {
    $wp = $item->children($namespaces['wp']);
    $type = (string) $wp->post_type;
    if ($type === 'attachment') {
        continue;  // the importer fetches the file from the old site: not reachable here
    }
    $content = $item->children('http://purl.org/rss/1.0/modules/content/');
    $excerpt = $item->children($namespaces['excerpt']);
    $id = wp_insert_post(wp_slash(array(
        'post_title' => (string) $item->title,
        'post_content' => (string) $content->encoded,
        'post_excerpt' => (string) $excerpt->encoded,
        'post_type' => $type,
        'post_status' => (string) $wp->status,
        'post_name' => (string) $wp->post_name,
        'post_date' => (string) $wp->post_date,
        'post_author' => 1,
    )), true);
    if (is_wp_error($id)) {
        fwrite(STDERR, $id->get_error_message() . "\n");
        exit(1);
    }
    $post = get_post($id);
    $stored[] = array('type' => $post->post_type, 'title' => $post->post_title, 'content' => $post->post_content,
                      'rendered' => apply_filters('the_content', $post->post_content));
}
echo json_encode($stored, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT), "\n";
